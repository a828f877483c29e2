namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A page of a request's products: those after row <see cref="AfterRow"/>, only those with an image of
/// <see cref="ImageStatus"/> (one of <see cref="ImageStatuses"/>) when it is given, and only those <see cref="Search"/>
/// finds when it is given: a product whose name contains it (ignoring case), or, when it is a whole number, whose row or
/// serial number it is.
/// </summary>
public sealed record ProductQuery(int AfterRow, string? ImageStatus = null, string? Search = null)
{
    /// <summary><see cref="Search"/> as a row or serial number, when it is one.</summary>
    public long? SearchNumber => long.TryParse(Search, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
