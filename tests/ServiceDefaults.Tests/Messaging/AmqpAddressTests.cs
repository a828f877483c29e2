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

        Assert.Equal(new AmqpAddress(host, (ushort)port, virtualHost, user, password), address);
    }

    [Theory]
    [InlineData("http://guest:guest@localhost:5672")]
    [InlineData("localhost:5672")]
    [InlineData("Host=localhost;Port=5672")]
    public void Anything_but_an_amqp_uri_is_refused(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => AmqpAddress.Parse(connectionString));

        Assert.Contains("amqp://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_string_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AmqpAddress.Parse(""));
    }
}
