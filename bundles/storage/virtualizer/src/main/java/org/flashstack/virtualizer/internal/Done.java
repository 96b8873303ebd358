package org.flashstack.virtualizer.internal;

import java.util.concurrent.CompletableFuture;

/**
 * The future of an operation that finished on its caller's thread with no result: completed with
 * null, and closed to change ({@code obtrudeValue} and {@code obtrudeException} refuse; {@code
 * complete} and {@code cancel} do nothing to a completed future), so one instance serves every such
 * read and a read on an idle device allocates no future.
 */
final class Done extends CompletableFuture<Object> {

  private static final Done DONE = new Done();

  private Done() {
    super.complete(null);
  }

  /**
   * @return the shared completed future, typed for the caller (its value is null)
   */
  @SuppressWarnings("unchecked")
  static <T> CompletableFuture<T> withNull() {
    return (CompletableFuture<T>) (CompletableFuture<?>) DONE;
  }

  @Override
  public void obtrudeValue(Object value) {
    throw new UnsupportedOperationException("the shared completed future cannot be changed");
  }

  @Override
  public void obtrudeException(Throwable failure) {
    throw new UnsupportedOperationException("the shared completed future cannot be changed");
  }
}
