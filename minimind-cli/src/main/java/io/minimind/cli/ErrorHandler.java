package io.minimind.cli;

import io.minimind.core.data.DataFormatException;
import io.minimind.core.data.ShardFormatException;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.train.TrainingDivergedException;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the errors a user can fix (bad data, bad config, bad checkpoint, missing file) into one
 * clear line and exit code 2; anything else is a bug and keeps its stack trace (exit 1).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parse) {
    if (e instanceof IllegalArgumentException
        || e instanceof DataFormatException
        || e instanceof ShardFormatException
        || e instanceof io.minimind.templates.ChatTemplateException
        || e instanceof CheckpointFormatException
        || e instanceof TrainingDivergedException
        || e instanceof IOException) {
      cmd.getErr().println("error: " + e.getMessage());
      return 2;
    }
    e.printStackTrace(cmd.getErr());
    return 1;
  }
}
