package org.flashstack.virtualizer.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;

final class ExecutionExceptionAssert {
  private ExecutionExceptionAssert() {}

  static void failsWith(FlashError error, CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, future::get);
    FlashException cause = assertInstanceOf(FlashException.class, e.getCause());
    assertEquals(error, cause.error(), cause.getMessage());
  }
}
