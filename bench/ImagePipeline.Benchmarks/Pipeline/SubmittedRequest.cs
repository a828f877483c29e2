namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>A request uploaded and accepted, not yet finished; <see cref="CompleteAsync"/> waits for its webhook.</summary>
public sealed record SubmittedRequest(SystemRig Rig, Guid RequestId, int Images, long Started, TimeSpan Answered)
{
    public async Task<RequestRun> CompleteAsync(TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(Rig);
        var webhook = await Rig.Webhooks.WaitAsync(RequestId, timeout);
        return new RequestRun(RequestId, Images, Started, Answered, Rig.Images.FirstRequest, webhook);
    }
}
