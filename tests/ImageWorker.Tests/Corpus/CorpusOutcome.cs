using ImagePipeline.TestSupport.Hostile;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>What the worker reported for one corpus case: a reason code or <see cref="HostileCase.Succeeded"/>, and how long it took.</summary>
internal sealed record CorpusOutcome(HostileCase Case, string Actual, string? Reason, TimeSpan Elapsed, int Requests)
{
    public bool Matches => Actual == Case.Expected && (Case.ExpectedRequests is null || Case.ExpectedRequests == Requests);

    public string Row =>
        $"{Case.Name,-28} {Case.Expected,-20} {Actual,-20} {Requests,3}/{(Case.ExpectedRequests?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"),-3} {Elapsed.TotalSeconds,6:0.00} s  {Case.What}";
}
