using StudyEdc.Cli;

return await CliApp.RunAsync(args, CliContext.Console);
