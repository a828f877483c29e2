using ImagePipeline.Contracts.Csv;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Apis;

/// <summary>RFC 9457 problem details listing every error of a rejected CSV by row, column and reason.</summary>
public static class CsvValidationProblem
{
    public const string Type = "urn:imagepipeline:problem:invalid-csv";

    public static ProblemDetails Create(IReadOnlyCollection<CsvError> errors, int maxListed)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problem = new ProblemDetails
        {
            Type = Type,
            Title = "The CSV is not valid",
            Status = StatusCodes.Status400BadRequest,
            Detail = errors.Count == 1 ? "1 error was found." : $"{errors.Count} errors were found.",
        };
        problem.Extensions["errorCount"] = errors.Count;
        problem.Extensions["errors"] = errors.Take(maxListed).Select(e => new { row = e.Row, column = e.Column, reason = e.Reason }).ToArray();
        return problem;
    }
}
