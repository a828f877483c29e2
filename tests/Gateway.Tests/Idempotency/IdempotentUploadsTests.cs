using ImagePipeline.Gateway.Idempotency;
using ImagePipeline.Gateway.Persistence;
using ImagePipeline.Gateway.Uploads;
using ImagePipeline.Storage;
using ImagePipeline.TestSupport.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Tests.Idempotency;

/// <summary>The idempotency rules over a real SQLite store, with acceptance that the test controls.</summary>
public sealed class IdempotentUploadsTests : IDisposable
{
    private const string Owner = "anonymous";

    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-idempotency-").FullName;
    private readonly ManualClock _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly IGatewayStore _store;
    private readonly IdempotentUploads _uploads;

    public IdempotentUploadsTests()
    {
        _store = Persistence.SqliteGatewayTestStores.Create(Path.Combine(_directory, "gateway.db"));
        _uploads = new IdempotentUploads(_store, Options.Create(new UploadOptions()), _time, NullLogger<IdempotentUploads>.Instance);
    }

    [Fact]
    public async Task A_failed_acceptance_releases_its_key_and_the_failure_reaches_the_caller()
    {
        await Assert.ThrowsAsync<TimeoutException>(() =>
            _uploads.AcceptOnceAsync(Owner, "k", "fp", _ => throw new TimeoutException("bus down"), CancellationToken.None));

        Assert.Null(await _store.FindIdempotencyAsync(Owner, "k", _time.GetUtcNow(), CancellationToken.None));
        var retry = await _uploads.AcceptOnceAsync(Owner, "k", "fp", _ => Accept(new AcceptedUpload(Guid.NewGuid(), 1, 1)), CancellationToken.None);
        Assert.NotNull(retry.Accepted);
    }

    [Fact]
    public async Task A_cancelled_acceptance_releases_its_key()
    {
        using var cancelled = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _uploads.AcceptOnceAsync(Owner, "k", "fp", async token =>
        {
            await cancelled.CancelAsync();
            token.ThrowIfCancellationRequested();
            return UploadOutcome.Success(new AcceptedUpload(Guid.NewGuid(), 1, 1));
        }, cancelled.Token));

        Assert.Null(await _store.FindIdempotencyAsync(Owner, "k", _time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task While_the_first_is_accepted_a_retry_is_told_to_come_back_and_afterwards_gets_its_answer()
    {
        var accepted = new AcceptedUpload(Guid.NewGuid(), 2, 3);
        var inside = new TaskCompletionSource();
        var proceed = new TaskCompletionSource();
        var first = _uploads.AcceptOnceAsync(Owner, "k", "fp", async _ =>
        {
            inside.SetResult();
            await proceed.Task;
            return UploadOutcome.Success(accepted);
        }, CancellationToken.None);
        await inside.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var during = await _uploads.AcceptOnceAsync(Owner, "k", "fp", _ => throw new InvalidOperationException("must not run"), CancellationToken.None);
        proceed.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await _uploads.AcceptOnceAsync(Owner, "k", "fp", _ => throw new InvalidOperationException("must not run"), CancellationToken.None);

        Assert.Equal(409, StatusCodesOf(during));
        Assert.Equal(IdempotentUploads.InProgressRetryAfter, during.RetryAfter);
        Assert.Equal(accepted, after.Accepted);
    }

    [Fact]
    public async Task An_acceptance_that_never_finished_frees_its_key_after_the_lock_timeout()
    {
        var abandoned = new NewIdempotencyAttempt(Guid.NewGuid(), Owner, "k", "fp", _time.GetUtcNow(), _time.GetUtcNow() + new UploadOptions().IdempotencyLockTimeout);
        await _store.TryBeginAsync(abandoned, _time.GetUtcNow(), CancellationToken.None);

        var meanwhile = await _uploads.AcceptOnceAsync(Owner, "k", "fp", _ => throw new InvalidOperationException("must not run"), CancellationToken.None);
        _time.Advance(new UploadOptions().IdempotencyLockTimeout);
        var later = await _uploads.AcceptOnceAsync(Owner, "k", "fp", _ => Accept(new AcceptedUpload(Guid.NewGuid(), 1, 1)), CancellationToken.None);

        Assert.Equal(409, StatusCodesOf(meanwhile));
        Assert.NotNull(later.Accepted);
    }

    [Fact]
    public async Task A_refusal_is_passed_on_and_not_remembered()
    {
        var refusal = new ProblemDetails { Status = 400, Title = "bad CSV" };

        var refused = await _uploads.AcceptOnceAsync(Owner, "k", "fp", _ => Task.FromResult(UploadOutcome.Failure(refusal)), CancellationToken.None);

        Assert.Same(refusal, refused.Problem);
        Assert.Null(await _store.FindIdempotencyAsync(Owner, "k", _time.GetUtcNow(), CancellationToken.None));
    }

    private static Task<UploadOutcome> Accept(AcceptedUpload accepted) => Task.FromResult(UploadOutcome.Success(accepted));

    private static int? StatusCodesOf(UploadOutcome outcome) => outcome.Problem?.Status;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not hide the test's own result
        }
    }
}
