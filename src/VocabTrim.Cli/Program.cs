using System.CommandLine;
using VocabTrim.Cli;

// Ctrl-C cancels the running verb, which then removes what it had begun to write. Writing or validating a
// multi-gigabyte model can take a few seconds to reach the next check, so it gets longer than the default 2 s
// before the process is ended regardless.
return await VocabTrimCommand.InvokeAsync(args, new InvocationConfiguration
{
    ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
});
