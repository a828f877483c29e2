using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.TestSupport.Hostile;
using Xunit.Abstractions;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>
/// Every case of the hostile corpus through the real worker consumer: each must end with exactly its reason code (or
/// succeed), after exactly the expected number of requests, and no refused destination may ever see a connection.
/// </summary>
public sealed class HostileCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    // one per test, so each test counts only its own requests
    private readonly CorpusWorker _worker = new();

    public Task InitializeAsync() => _worker.InitializeAsync();

    public Task DisposeAsync() => _worker.DisposeAsync();

    [Fact]
    public async Task Every_case_ends_with_its_reason_code_and_refused_destinations_are_never_contacted()
    {
        await RunEveryCaseAsync(_worker, output);
    }

    [Fact]
    public async Task Every_case_ends_the_same_on_the_magick_engine()
    {
        var magick = new CorpusWorker(ImageCodecEngine.Magick);
        await magick.InitializeAsync();
        try
        {
            await RunEveryCaseAsync(magick, output);
        }
        finally
        {
            await magick.DisposeAsync();
        }
    }

    private static async Task RunEveryCaseAsync(CorpusWorker worker, ITestOutputHelper output)
    {
        var outcomes = await Task.WhenAll(worker.Corpus.Cases.Select(worker.RunAsync));

        output.WriteLine($"{"case",-28} {"expected",-20} {"actual",-20} req/exp   time   what");
        foreach (var outcome in outcomes)
        {
            output.WriteLine(outcome.Row);
        }
        var wrong = outcomes.Where(o => !o.Matches).Select(o => $"{o.Case.Name}: expected {o.Case.Expected} after {o.Case.ExpectedRequests} requests, got {o.Actual} after {o.Requests} ({o.Reason})").ToArray();
        Assert.True(wrong.Length == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(0, worker.Corpus.BlockedDestinationContacts);
    }

    [Fact]
    public async Task A_redirect_to_a_scheme_other_than_http_is_not_followed()
    {
        // ftp:// on the allowed host and port: were it followed, the allowed server would see a request for /never
        _worker.Corpus.Server.Map("/to-ftp", x => x.RedirectAsync($"ftp://{_worker.Corpus.AllowedHost}{HostileCorpus.NeverRoute}/photo.jpg"));
        var hostileCase = new HostileCase("redirect-to-ftp", _worker.Corpus.Server.Url("/to-ftp"), "invalid_url", 1, "/to-ftp", "redirects to ftp:// on the allowed host and port");

        var outcome = await _worker.RunAsync(hostileCase);

        Assert.Equal(0, _worker.Corpus.BlockedDestinationContacts);
        Assert.Equal("invalid_url", outcome.Actual);
    }

    [Fact]
    public async Task A_429_is_retried_no_sooner_than_its_Retry_After()
    {
        var hostileCase = _worker.Corpus["http-429-then-200"];

        var outcome = await _worker.RunAsync(hostileCase);

        Assert.Equal(HostileCase.Succeeded, outcome.Actual);
        var requests = _worker.Corpus.Server.RequestsTo(hostileCase.Route!).TakeLast(2).ToArray();
        var gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromSeconds(0.9), $"the retry came {gap.TotalMilliseconds:0} ms after the 429");
    }

    [Theory]
    [InlineData("slow-body")]
    [InlineData("drip-body")]
    [InlineData("silent-server")]
    public async Task A_source_that_holds_the_download_open_is_cut_off_at_the_download_timeout(string name)
    {
        var outcome = await _worker.RunAsync(_worker.Corpus[name]);

        Assert.Equal("timeout", outcome.Actual);
        // not before the timeout; and the upper bound is far short of the sources' two minutes, which a download
        // timeout reset by every byte (drip-body) or never started (silent-server) would have waited out
        Assert.InRange(outcome.Elapsed, CorpusWorker.DownloadTimeout * 0.9, TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("length-over-cap")]
    [InlineData("jpeg-bomb-50k")]
    [InlineData("png-bomb-50k")]
    public async Task A_bomb_or_a_lying_length_is_refused_by_the_limit_not_by_the_download_timeout(string name)
    {
        var outcome = await _worker.RunAsync(_worker.Corpus[name]);

        // length-over-cap sends its header and then nothing: had the worker waited for the body, the download timeout
        // would have ended it as "timeout". A bomb's pixels are never decoded: BombMemoryTests measures that.
        Assert.Equal("too_large", outcome.Actual);
        Assert.Equal(1, outcome.Requests);
    }
}
