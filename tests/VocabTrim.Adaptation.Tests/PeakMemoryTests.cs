using FluentAssertions;
using VocabTrim.Validation;
using Xunit;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// PeakMemory reads VmHWM as the kernel prints it at every width (validation reports it for every run).
/// </summary>
public sealed class PeakMemoryTests
{
    private static string Status(string hwm) =>
        $"Name:\tvocabtrim\nVmPeak:\t31234567 kB\nVmSize:\t 9876543 kB\nVmHWM:{hwm}\nVmRSS:\t  123456 kB\n";

    [Theory]
    [InlineData("\t    1234 kB", 1234L * 1024)]
    [InlineData("\t 9765625 kB", 9765625L * 1024)]
    // From 8 digits on (about 9.5 GB) the kernel's padding runs out: a tab and the number, no space.
    [InlineData("\t12493932 kB", 12493932L * 1024)]
    [InlineData("\t123456789 kB", 123456789L * 1024)]
    public void VmHWM_is_read_at_any_width(string field, long bytes) =>
        PeakMemory.FromStatus(Status(field)).Should().Be(bytes);

    [Theory]
    [InlineData("\t kB")]
    [InlineData("\t12x kB")]
    [InlineData("\t1234 MB")]
    public void A_malformed_line_gives_no_value_instead_of_an_exception(string field) =>
        PeakMemory.FromStatus(Status(field)).Should().BeNull();

    [Fact]
    public void Without_the_line_there_is_no_value() =>
        PeakMemory.FromStatus("Name:\tvocabtrim\nVmRSS:\t  123456 kB\n").Should().BeNull();

    [Fact]
    public void This_process_has_a_peak_of_at_least_its_current_managed_heap() =>
        PeakMemory.Bytes().Should().BeGreaterThan(GC.GetTotalMemory(forceFullCollection: false));
}
