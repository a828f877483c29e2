using System.Text.Json;

namespace ImagePipeline.Cli.Output;

public static class JsonText
{
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true };

    public static string Indented(JsonElement json) => JsonSerializer.Serialize(json, IndentedOptions);
}
