using System.Runtime.CompilerServices;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Csv;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>Turns the rows of a stored upload into products and images to record, naming each image by its place.</summary>
public sealed class UploadedProducts(ProductCsvReader reader)
{
    public async IAsyncEnumerable<NewProduct> ReadAsync(
        Guid requestId, Stream csv, ICollection<CsvError> errors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in reader.ReadAsync(csv, errors, cancellationToken))
        {
            var images = new NewImage[row.ImageUrls.Count];
            for (var position = 0; position < images.Length; position++)
            {
                images[position] = new NewImage(ImageIds.For(requestId, row.RowNumber, position), row.ImageUrls[position]);
            }
            yield return new NewProduct(row.RowNumber, row.SerialNumber, row.ProductName, images);
        }
    }
}
