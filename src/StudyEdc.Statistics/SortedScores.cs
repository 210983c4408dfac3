namespace StudyEdc.Statistics;

/// <summary>
/// Scores sorted in ascending order together with their labels and original positions, and the tie groups
/// (runs of equal scores) that the ROC curve and the midrank placements are computed from.
/// </summary>
internal sealed class SortedScores
{
    private SortedScores(double[] scores, int[] order, bool[] isPositive, int positives)
    {
        Scores = scores;
        Order = order;
        IsPositiveInOriginalOrder = isPositive;
        Positives = positives;
    }

    /// <summary>The scores in ascending order.</summary>
    public double[] Scores { get; }

    /// <summary>The original position of each sorted score.</summary>
    public int[] Order { get; }

    public bool[] IsPositiveInOriginalOrder { get; }

    public int Positives { get; }

    public int Negatives => Scores.Length - Positives;

    /// <summary>Sorts the scores once, in O(n log n). The scores must already be validated.</summary>
    public static SortedScores Create(ReadOnlySpan<double> scores, ReadOnlySpan<bool> isPositive)
    {
        var sorted = scores.ToArray();
        var order = new int[sorted.Length];
        var positives = 0;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            positives += isPositive[i] ? 1 : 0;
        }

        Array.Sort(sorted, order);
        return new SortedScores(sorted, order, isPositive.ToArray(), positives);
    }

    /// <summary>Returns each distinct score with the number of positives and negatives that have it, ascending.</summary>
    public List<DistinctValue> DistinctValues()
    {
        var values = new List<DistinctValue>();
        var start = 0;
        while (start < Scores.Length)
        {
            var end = TieGroupEnd(start);
            var positives = 0;
            for (var i = start; i < end; i++)
            {
                positives += IsPositiveInOriginalOrder[Order[i]] ? 1 : 0;
            }

            values.Add(new DistinctValue(Scores[start], positives, end - start - positives));
            start = end;
        }

        return values;
    }

    /// <summary>Returns the end (exclusive) of the run of scores equal to the score at <paramref name="start"/>.</summary>
    public int TieGroupEnd(int start)
    {
        var end = start + 1;
        while (end < Scores.Length && Scores[end] == Scores[start])
        {
            end++;
        }

        return end;
    }

    /// <summary>A distinct score and how many positives and negatives have it.</summary>
    public readonly record struct DistinctValue(double Score, int Positives, int Negatives);
}
