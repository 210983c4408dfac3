namespace StudyEdc.Statistics;

/// <summary>
/// DeLong's placement values, computed with the midrank algorithm of Sun &amp; Xu (2014), IEEE Signal Processing
/// Letters 21(11):1389–1393, in O(n log n) for one sort instead of O(m·n) pairwise comparisons.
/// </summary>
/// <remarks>
/// For case i, V10_i = (number of controls below X_i + ½ number of controls tied with it) / n, and for control j,
/// V01_j = (number of cases above Y_j + ½ number tied with it) / m. With R_Z the midrank of an observation in
/// the pooled sample and R_X, R_Y its midrank within its own class, Sun &amp; Xu show V10_i = (R_Z − R_X) / n and
/// V01_j = 1 − (R_Z − R_Y) / m. All three midranks come from one ascending sort: inside a run of equal scores
/// starting after position s (0-based) and ending at e, R_Z = (s + 1 + e) / 2, and the within-class midrank is the
/// number of same-class observations before the run plus (run's same-class count + 1) / 2. Midranks are
/// half-integers, so their differences are exact in double precision up to 2^52 observations.
/// </remarks>
internal sealed class DeLongPlacements
{
    private DeLongPlacements(double[] values, bool[] isPositive, int positives, double theta)
    {
        Values = values;
        IsPositive = isPositive;
        Positives = positives;
        Theta = theta;
    }

    /// <summary>The placement of every observation in its original position: V10 for a case, V01 for a control.</summary>
    public double[] Values { get; }

    public bool[] IsPositive { get; }

    public int Positives { get; }

    public int Negatives => Values.Length - Positives;

    /// <summary>The AUC (Mann–Whitney U / (m n), ties counting ½), which equals the mean of V10 and of V01.</summary>
    public double Theta { get; }

    /// <summary>Computes the placements; both classes must be present.</summary>
    public static DeLongPlacements Compute(SortedScores sorted)
    {
        var order = sorted.Order;
        var isPositive = sorted.IsPositiveInOriginalOrder;
        double positives = sorted.Positives;
        double negatives = sorted.Negatives;
        var values = new double[order.Length];

        // twiceU counts every case/control pair with the case higher as 2 and every tie as 1, so the AUC is exact.
        long twiceU = 0;
        int casesBefore = 0, controlsBefore = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = sorted.TieGroupEnd(start);
            int casesInRun = 0, controlsInRun = 0;
            for (var i = start; i < end; i++)
            {
                if (isPositive[order[i]])
                {
                    casesInRun++;
                }
                else
                {
                    controlsInRun++;
                }
            }

            var pooledMidrank = (start + 1 + end) / 2.0;
            var caseMidrank = casesBefore + ((casesInRun + 1) / 2.0);
            var controlMidrank = controlsBefore + ((controlsInRun + 1) / 2.0);
            var caseValue = (pooledMidrank - caseMidrank) / negatives;
            var controlValue = 1.0 - ((pooledMidrank - controlMidrank) / positives);
            for (var i = start; i < end; i++)
            {
                values[order[i]] = isPositive[order[i]] ? caseValue : controlValue;
            }

            twiceU += casesInRun * ((2L * controlsBefore) + controlsInRun);
            casesBefore += casesInRun;
            controlsBefore += controlsInRun;
            start = end;
        }

        var theta = twiceU / (2.0 * positives * negatives);
        return new DeLongPlacements(values, isPositive, sorted.Positives, theta);
    }

    /// <summary>
    /// Computes the DeLong covariance of two AUCs over the same observations:
    /// Σ(V10a − θa)(V10b − θb) / ((m − 1) m) + Σ(V01a − θa)(V01b − θb) / ((n − 1) n). With a = b it is the variance.
    /// Needs m ≥ 2 and n ≥ 2.
    /// </summary>
    public static double Covariance(DeLongPlacements a, DeLongPlacements b)
    {
        double caseSum = 0.0, controlSum = 0.0;
        for (var i = 0; i < a.Values.Length; i++)
        {
            var product = (a.Values[i] - a.Theta) * (b.Values[i] - b.Theta);
            if (a.IsPositive[i])
            {
                caseSum += product;
            }
            else
            {
                controlSum += product;
            }
        }

        double m = a.Positives;
        double n = a.Negatives;
        return (caseSum / (m - 1.0) / m) + (controlSum / (n - 1.0) / n);
    }
}
