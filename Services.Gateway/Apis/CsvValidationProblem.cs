using ImagePipeline.Csv;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Apis;

/// <summary>RFC 9457 problem details listing every error of a rejected CSV by row, column and reason.</summary>
public static class CsvValidationProblem
{
    public const string Type = "urn:imagepipeline:problem:invalid-csv";

    /// <summary>Lists the errors <paramref name="errors"/> kept (at most <c>Uploads:MaxListedErrors</c>); <c>errorCount</c> is every one found.</summary>
    public static ProblemDetails Create(CsvErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problem = new ProblemDetails
        {
            Type = Type,
            Title = "The CSV is not valid",
            Status = StatusCodes.Status400BadRequest,
            Detail = errors.Total == 1 ? "1 error was found." : $"{errors.Total} errors were found.",
        };
        problem.Extensions["errorCount"] = errors.Total;
        problem.Extensions["errors"] = errors.Select(e => new { row = e.Row, column = e.Column, reason = e.Reason }).ToArray();
        return problem;
    }
}
