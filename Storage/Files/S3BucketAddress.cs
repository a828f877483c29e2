namespace ImagePipeline.Storage.Files;

/// <summary>
/// A bucket named by <c>ConnectionStrings:files</c> in the form
/// <c>s3://bucket?endpoint=http://host:port&amp;region=us-east-1&amp;forcePathStyle=true</c>. Without an endpoint it is
/// AWS S3 in the region. The form has no place for credentials, so a connection string that reaches a log or the
/// dashboard gives nothing away: they come from <c>Files:AccessKey</c> and <c>Files:SecretKey</c>.
/// </summary>
public sealed record S3BucketAddress(string Bucket, Uri? Endpoint, string Region, bool ForcePathStyle)
{
    public const string Scheme = "s3";
    public const string DefaultRegion = "us-east-1";

    public static bool IsS3Url(string connectionString) =>
        connectionString.StartsWith(Scheme + "://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the form above; every error names the part that is wrong and never repeats the whole string.</summary>
    public static S3BucketAddress Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (!IsS3Url(connectionString) || !Uri.TryCreate(connectionString, UriKind.Absolute, out var uri))
        {
            throw Invalid("it must look like s3://bucket?endpoint=http://host:port&region=us-east-1&forcePathStyle=true");
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Invalid("credentials do not belong in it: set the AppHost parameters files-access-key and files-secret-key (Files:AccessKey, Files:SecretKey)");
        }
        if (uri.AbsolutePath is not ("" or "/"))
        {
            throw Invalid("it names a bucket only, with no path after it");
        }
        var bucket = uri.Host;
        if (bucket.Length is < 3 or > 63)
        {
            throw Invalid("the bucket name must be 3 to 63 characters");
        }

        Uri? endpoint = null;
        var region = DefaultRegion;
        var forcePathStyle = false;
        foreach (var (name, value) in QueryOf(uri))
        {
            switch (name.ToLowerInvariant())
            {
                case "endpoint":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
                        || !string.IsNullOrEmpty(endpoint.UserInfo))
                    {
                        throw Invalid("endpoint must be an http(s) URL without credentials");
                    }
                    break;
                case "region":
                    region = value.Length > 0 ? value : throw Invalid("region is empty");
                    break;
                case "forcepathstyle":
                    forcePathStyle = bool.TryParse(value, out var parsed) ? parsed : throw Invalid("forcePathStyle must be true or false");
                    break;
                default:
                    // a typo, or a secret someone tried to pass here: refuse it rather than ignore it (the name only, never the value)
                    throw Invalid($"'{name}' is not one of endpoint, region, forcePathStyle");
            }
        }
        return new S3BucketAddress(bucket, endpoint, region, forcePathStyle);
    }

    private static IEnumerable<(string Name, string Value)> QueryOf(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? (Uri.UnescapeDataString(pair), "")
                : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        });

    private static InvalidOperationException Invalid(string why) =>
        new($"ConnectionStrings:files is not a valid s3:// URL: {why}.");
}
