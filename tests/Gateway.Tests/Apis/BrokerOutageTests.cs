using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Gateway.Apis;
using ImagePipeline.Gateway.Idempotency;
using ImagePipeline.Gateway.Persistence;
using ImagePipeline.Gateway.Tests.Support;
using ImagePipeline.Gateway.Uploads;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>
/// Uploads while the broker cannot take the request: answered 503 with Retry-After within <c>Uploads:PublishTimeout</c>,
/// nothing submitted, and the Idempotency-Key free, so the client's retry after the outage really submits, once.
/// </summary>
public sealed class BrokerOutageTests : IDisposable
{
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(1);

    private readonly GatewayFactory _factory = new();
    private readonly BrokerOutage _broker = new();

    public BrokerOutageTests()
    {
        _factory.Settings["Uploads:PublishTimeout"] = "00:00:01";
        _factory.Settings["Uploads:PublishRetryAfter"] = "00:00:07";
        _factory.TestServices = services =>
        {
            services.AddSingleton(_broker);
            services.AddScoped<IPublishEndpoint>(provider => new OutagePublishEndpoint(provider.GetRequiredService<IBus>(), _broker));
        };
    }

    private ITestHarness Harness => _factory.Services.GetRequiredService<ITestHarness>();

    private int Published => Harness.Published.Select<RequestSubmitted>().Count();

    [Fact]
    public async Task An_upload_the_broker_does_not_take_is_503_with_Retry_After_once_the_publish_timeout_is_up()
    {
        var client = _factory.CreateClient();
        _broker.State = BrokerState.Hanging;
        var clock = Stopwatch.StartNew();

        var response = await client.SendAsync(Upload(key: null));

        var took = clock.Elapsed;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(UploadProblems.NotSubmittedType, problem.GetProperty("type").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("Uploads:PublishTimeout", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(took, PublishTimeout, PublishTimeout + TimeSpan.FromSeconds(4));
        Assert.Equal(1, _broker.Attempts);
        Assert.Equal(0, Published);
    }

    [Fact]
    public async Task A_transport_that_refuses_at_once_is_503_without_waiting_for_the_timeout()
    {
        _factory.Settings["Uploads:PublishTimeout"] = "00:01:00";
        var client = _factory.CreateClient();
        _broker.State = BrokerState.Refusing;
        var clock = Stopwatch.StartNew();

        var response = await client.SendAsync(Upload(key: null));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the upload took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, Published);
    }

    [Fact]
    public async Task With_an_Idempotency_Key_the_retry_after_the_outage_submits_and_later_retries_replay_it()
    {
        var client = _factory.CreateClient();
        _broker.State = BrokerState.Hanging;

        var duringOutage = await client.SendAsync(Upload("outage-1"));
        var record = await _factory.Services.GetRequiredService<IGatewayStore>()
            .FindIdempotencyAsync(UploadsApi.AnonymousOwner, "outage-1", DateTimeOffset.UtcNow, CancellationToken.None);
        _broker.State = BrokerState.Up;
        var afterOutage = await client.SendAsync(Upload("outage-1"));
        var replay = await client.SendAsync(Upload("outage-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        // no completed record of a request that was never submitted, and no held key blocking the retry
        Assert.Null(record);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (afterOutage.StatusCode, replay.StatusCode));
        var submitted = Assert.Single(Harness.Published.Select<RequestSubmitted>()).Context.Message;
        Assert.Equal(submitted.RequestId, await RequestIdOf(afterOutage));
        Assert.Equal(submitted.RequestId, await RequestIdOf(replay));
        Assert.Equal(2, _broker.Attempts);
    }

    [Fact]
    public async Task A_retry_while_the_broker_is_still_down_is_503_again_not_409()
    {
        var client = _factory.CreateClient();
        _broker.State = BrokerState.Hanging;

        var first = await client.SendAsync(Upload("outage-2"));
        var second = await client.SendAsync(Upload("outage-2"));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (first.StatusCode, second.StatusCode));
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(IdempotencyProblems.InProgressType, problem.GetProperty("type").GetString());
        Assert.Equal(2, _broker.Attempts);
        Assert.Equal(0, Published);
    }

    [Fact]
    public async Task A_publish_timeout_that_is_not_positive_stops_the_gateway_at_start()
    {
        _factory.Settings["Uploads:PublishTimeout"] = "00:00:00";

        var failure = Assert.ThrowsAny<Exception>(() => _factory.CreateClient());

        Assert.Contains("Uploads:PublishTimeout must be positive", failure.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Upload(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = new StringContent(ValidCsv, Encoding.UTF8, "text/csv") };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader.Name, key);
        }
        return request;
    }

    private static async Task<Guid> RequestIdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();

    public void Dispose() => _factory.Dispose();
}
