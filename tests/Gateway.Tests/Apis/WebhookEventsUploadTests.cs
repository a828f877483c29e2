using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.Contracts;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>The optional <c>webhookEvents</c> of an upload: what it may name, and what reaches Ingest.</summary>
public sealed class WebhookEventsUploadTests : IDisposable
{
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,https://img.example/a.jpg\r\n";

    private readonly GatewayFactory _factory = new();

    [Fact]
    public async Task Chosen_events_in_form_fields_reach_ingest_in_one_order_whatever_their_case_and_repeats()
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ValidCsv, Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent("https://hooks.example/done"), "webhookUrl" },
            { new StringContent("image.failed, Request.Progress"), "webhookEvents" },
            { new StringContent("request.completed,image.failed"), "webhookEvents" },
        };

        var response = await client.PostAsync("/api/requests", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = harness.Published.Select<RequestSubmitted>().Single().Context.Message;
        Assert.Equal("request.progress,image.failed", published.WebhookEvents);
    }

    [Fact]
    public async Task No_choice_or_completion_only_sends_what_was_sent_before()
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();

        var plain = await client.PostAsync("/api/requests?webhookUrl=https%3A%2F%2Fhooks.example%2Fx", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));
        var completion = await client.PostAsync(
            "/api/requests?webhookUrl=https%3A%2F%2Fhooks.example%2Fy&webhookEvents=request.completed", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (plain.StatusCode, completion.StatusCode));
        Assert.All(harness.Published.Select<RequestSubmitted>(), p => Assert.Null(p.Context.Message.WebhookEvents));
    }

    [Theory]
    [InlineData("webhookUrl=https%3A%2F%2Fhooks.example%2Fx&webhookEvents=request.progress,image.done", "Unknown webhook events: image.done")]
    [InlineData("webhookEvents=request.progress", "webhookEvents needs a webhookUrl")]
    public async Task A_choice_that_cannot_be_met_is_a_clear_400_and_nothing_is_published(string query, string expected)
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();

        var response = await client.PostAsync($"/api/requests?{query}", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal("webhookEvents", error.GetProperty("column").GetString());
        Assert.StartsWith(expected, error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(harness.Published.Select<RequestSubmitted>().Any());
    }

    public void Dispose() => _factory.Dispose();
}
