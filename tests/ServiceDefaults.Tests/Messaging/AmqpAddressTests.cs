using ImagePipeline.ServiceDefaults.Messaging;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

public sealed class AmqpAddressTests
{
    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672", "127.0.0.1", 5672, "/", "guest", "guest")]
    [InlineData("amqp://localhost", "localhost", 5672, "/", "guest", "guest")]
    [InlineData("amqp://app:s3cret@rabbit:5673/pipeline", "rabbit", 5673, "pipeline", "app", "s3cret")]
    [InlineData("amqps://app:p%40ss%3Aword@rabbit.example/", "rabbit.example", 5672, "/", "app", "p@ss:word")]
    [InlineData("amqp://app:pw@rabbit/%2Fprod", "rabbit", 5672, "/prod", "app", "pw")]
    [InlineData("rabbitmq://u:p@h:1234", "h", 1234, "/", "u", "p")]
    [InlineData("amqp://onlyuser@h", "h", 5672, "/", "onlyuser", "guest")]
    public void Parses_the_parts(string connectionString, string host, int port, string virtualHost, string user, string password)
    {
        var address = AmqpAddress.Parse(connectionString);

        Assert.Equal(new AmqpAddress([new AmqpNode(host, (ushort)port)], virtualHost, user, password), address);
        Assert.False(address.IsCluster);
    }

    [Fact]
    public void A_cluster_is_its_nodes_listed_in_order_with_one_user_and_virtual_host()
    {
        var address = AmqpAddress.Parse("amqp://app:p%40ss@rabbit1:5672, rabbit2:5673,rabbit3,[::1]:5674/pipeline");

        Assert.Equal(
            [new AmqpNode("rabbit1", 5672), new AmqpNode("rabbit2", 5673), new AmqpNode("rabbit3", 5672), new AmqpNode("::1", 5674)],
            address.Nodes);
        Assert.True(address.IsCluster);
        Assert.Equal(("rabbit1", (ushort)5672), (address.Host, address.Port));
        Assert.Equal(("pipeline", "app", "p@ss"), (address.VirtualHost, address.Username, address.Password));
        Assert.Equal("rabbit2:5673", address.Nodes[1].ToString());
        Assert.Equal("[::1]:5674", address.Nodes[3].ToString());
    }

    [Fact]
    public void The_password_never_shows_when_the_address_is_printed()
    {
        var printed = AmqpAddress.Parse("amqp://app:hunter2@rabbit1,rabbit2/").ToString();

        Assert.DoesNotContain("hunter2", printed, StringComparison.Ordinal);
        Assert.Contains("rabbit1:5672,rabbit2:5672", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://guest:guest@localhost:5672")]
    [InlineData("localhost:5672")]
    [InlineData("Host=localhost;Port=5672")]
    [InlineData("amqp://guest:guest@rabbit1,,rabbit2/")]
    [InlineData("amqp://guest:guest@rabbit1:notaport/")]
    [InlineData("amqp://guest:guest@/")]
    public void Anything_but_an_amqp_uri_is_refused(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => AmqpAddress.Parse(connectionString));

        Assert.Contains("amqp://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guest:guest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_string_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AmqpAddress.Parse(""));
    }
}
