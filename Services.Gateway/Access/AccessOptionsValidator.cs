using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Access;

/// <summary>Refuses to start with an API key that is blank or short enough to guess.</summary>
public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.ApiKeys
            .Select((key, index) => (key, index))
            .Where(entry => string.IsNullOrWhiteSpace(entry.key) || entry.key.Length < AccessOptions.MinimumKeyLength || entry.key != entry.key.Trim())
            .Select(entry => $"{AccessOptions.SectionName}:ApiKeys:{entry.index} must be at least {AccessOptions.MinimumKeyLength} characters without leading or trailing spaces.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
