package org.flashstack.api.mmio;

/**
 * A sequence of accesses that must reach a device with nothing else in between, such as a CFI
 * program command, its data and the status polling that follows.
 *
 * @param <T> what the sequence returns
 * @param <X> the checked exception it may throw
 */
@FunctionalInterface
public interface MmioSession<T, X extends Exception> {
  /**
   * @param bus the device, held exclusively for the duration of the call
   * @return the result of the sequence
   * @throws X whatever the sequence reports
   */
  T run(MmioBus bus) throws X;
}
