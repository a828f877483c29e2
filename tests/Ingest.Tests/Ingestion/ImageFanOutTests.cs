using System.Text;
using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Tests.Consumers;
using MassTransit.Testing;

namespace ImagePipeline.Ingest.Tests.Ingestion;

public sealed class ImageFanOutTests
{
    private const int Rows = 1_000;
    private const int UrlsPerRow = 3;

    [Fact]
    public async Task A_request_larger_than_the_window_sends_every_image_exactly_once_in_its_conversation()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await SubmitAsync(ingest);

        await ingest.PublishedAsync<ProcessImage>(Rows * UrlsPerRow);
        var sent = ingest.Harness.Published.Select<ProcessImage>().ToArray();
        // 3,000 is no multiple of the default window (128), so the last partial window is covered too
        Assert.NotEqual(0, Rows * UrlsPerRow % new IngestOptions().FanOutConcurrency);
        Assert.Equal(Rows * UrlsPerRow, sent.Length);
        var expected = Enumerable.Range(2, Rows)
            .SelectMany(row => Enumerable.Range(0, UrlsPerRow).Select(position => ImageIds.For(submitted.RequestId, row, position)))
            .ToHashSet();
        Assert.True(expected.SetEquals(sent.Select(s => s.Context.Message.ImageId)));
        Assert.Equal(Rows * UrlsPerRow, sent.Select(s => s.Context.Message.ImageId).Distinct().Count());

        var submission = ingest.Harness.Consumed.Select<RequestSubmitted>().Single().Context;
        Assert.All(sent, s =>
        {
            Assert.Equal(submission.ConversationId, s.Context.ConversationId);
            Assert.Equal(submission.MessageId, s.Context.InitiatorId);
        });
    }

    private static async Task<RequestSubmitted> SubmitAsync(IngestHarness ingest)
    {
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\r\n");
        for (var row = 1; row <= Rows; row++)
        {
            var urls = string.Join(',', Enumerable.Range(0, UrlsPerRow).Select(i => $"https://img.example/{row}/{i}.jpg"));
            csv.Append(row).Append(",Product ").Append(row).Append(",\"").Append(urls).Append("\"\r\n");
        }
        var submitted = await ingest.UploadAsync(csv.ToString(), Rows, Rows * UrlsPerRow);
        await ingest.PublishAndConsumeAsync(submitted);
        return submitted;
    }
}
