namespace ImagePipeline.ImageWorker.PolicyTests;

internal static class Samples
{
    public static byte[] Read(string name)
    {
        using var stream = typeof(Samples).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"sample {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
