namespace ImagePipeline.Ingest.Persistence;

/// <summary>How many images of one origin may be out with the workers at once, as the store applies it when it releases.</summary>
public interface IOriginLimits
{
    /// <summary>Across every request; 0 while the origin asked us to wait.</summary>
    int LimitOf(string origin);

    /// <summary>Of one request, so that requests sharing a busy origin share it instead of the first one taking it all.</summary>
    int RequestShareOf(string origin);
}
