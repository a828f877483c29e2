using ImagePipeline.Ingest.Ingestion;

namespace ImagePipeline.Ingest.Tests.Persistence;

public sealed class ImageIdsTests
{
    [Fact]
    public void Same_place_gives_the_same_id_and_different_places_differ()
    {
        var requestId = Guid.NewGuid();

        Assert.Equal(ImageIds.For(requestId, 2, 0), ImageIds.For(requestId, 2, 0));
        var ids = new[] { ImageIds.For(requestId, 2, 0), ImageIds.For(requestId, 2, 1), ImageIds.For(requestId, 3, 0), ImageIds.For(Guid.NewGuid(), 2, 0) };
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(8, ids[0].Version);
    }
}
