using VocabTrim.Cli;

return await VocabTrimCommand.Create().Parse(args).InvokeAsync();
