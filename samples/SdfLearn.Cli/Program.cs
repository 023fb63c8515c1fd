return SdfLearn.Cli.App.Run(args);
