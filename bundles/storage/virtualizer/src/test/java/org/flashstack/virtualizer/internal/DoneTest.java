package org.flashstack.virtualizer.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DoneTest {

  @Test
  void theSharedFutureIsDoneWithNullAndNobodyCanChangeIt() {
    CompletableFuture<Void> done = Done.withNull();
    assertTrue(done.isDone());
    assertNull(done.join());
    assertFalse(done.complete(null));
    assertFalse(done.completeExceptionally(new IllegalStateException()));
    assertFalse(done.cancel(true));
    assertThrows(UnsupportedOperationException.class, () -> done.obtrudeValue(null));
    assertThrows(
        UnsupportedOperationException.class,
        () -> done.obtrudeException(new IllegalStateException()));
    assertFalse(done.isCompletedExceptionally(), "still a success for the next reader");
    assertSame(done, Done.<String>withNull());
    assertNull(done.thenApply(nothing -> null).join());
  }
}
