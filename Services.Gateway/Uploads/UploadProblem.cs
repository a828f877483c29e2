namespace ImagePipeline.Gateway.Uploads;

/// <summary>Why an upload could not even be read as a CSV (status code and message for the client).</summary>
public sealed class UploadProblem(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;
}
