using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.Export.Clients;

/// <summary>Ingest's HTTP API as Export needs it; Ingest owns requests and images, Export only reads them.</summary>
public sealed class IngestClient(HttpClient http)
{
    /// <summary>Streams the rows of a request in input order; throws <see cref="HttpRequestException"/> unless Ingest answers 2xx.</summary>
    public async IAsyncEnumerable<OutputRow> GetRowsAsync(Guid requestId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // headers only: the rows are read as they arrive, never held all at once
        using var response = await http.GetAsync($"internal/requests/{requestId}/rows", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await foreach (var row in response.Content.ReadFromJsonAsAsyncEnumerable<OutputRow>(cancellationToken))
        {
            yield return row ?? throw new InvalidDataException($"Ingest sent a null row for request {requestId}.");
        }
    }

    /// <summary>Whether Ingest knows the request; throws <see cref="HttpRequestException"/> when Ingest cannot tell.</summary>
    public async Task<bool> RequestExistsAsync(Guid requestId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"api/requests/{requestId}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        response.EnsureSuccessStatusCode();
        return true;
    }
}
