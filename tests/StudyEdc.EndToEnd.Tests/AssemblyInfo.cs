using StudyEdc.EndToEnd.Tests.Infrastructure;

// One web host and one Chromium serve every browser test of the assembly. The tests run one at a time, because
// CI has two cores and parallel browser tests would make each other's waits time out.
[assembly: AssemblyFixture(typeof(StudyEdcFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
