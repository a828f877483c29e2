namespace ImagePipeline.Contracts;

/// <summary>
/// An output an earlier request of the same client made from the same source URL: the worker may hand it out again
/// when the origin says the source did not change (304) or sends the same bytes, the fingerprint matches and the output
/// is still stored whole.
/// </summary>
public sealed record ReusableOutput(SourceVersion Source, ImageOutcome Outcome);
