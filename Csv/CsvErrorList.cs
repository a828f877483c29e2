using System.Collections;
using ImagePipeline.Contracts.Csv;

namespace ImagePipeline.Csv;

/// <summary>
/// The errors of one CSV, bounded: the first <c>maxListed</c> are kept, the rest only counted. A hostile file can hold
/// millions of errors; holding each one would make the answer cost gigabytes (issue 10, item 1).
/// <see cref="ICollection{T}.Count"/> is what is kept; <see cref="Total"/> is every error added.
/// </summary>
public sealed class CsvErrorList(int maxListed) : ICollection<CsvError>
{
    private readonly List<CsvError> _listed = [];

    public int MaxListed { get; } = Math.Max(0, maxListed);

    /// <summary>Every error added, listed or not.</summary>
    public long Total { get; private set; }

    public int Count => _listed.Count;

    public bool IsReadOnly => false;

    public void Add(CsvError item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Total++;
        if (_listed.Count < MaxListed)
        {
            _listed.Add(item);
        }
    }

    public void Clear()
    {
        _listed.Clear();
        Total = 0;
    }

    public bool Contains(CsvError item) => _listed.Contains(item);

    public void CopyTo(CsvError[] array, int arrayIndex) => _listed.CopyTo(array, arrayIndex);

    // errors are only ever added while a file is read; taking one back would make Total a lie
    public bool Remove(CsvError item) => throw new NotSupportedException("Errors are not removed.");

    public IEnumerator<CsvError> GetEnumerator() => _listed.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
