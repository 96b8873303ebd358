package org.flashstack.api.memprog;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link TargetMemory} that hands every access to another one, {@link #target()}: what a
 * component that registers a RAM it holds implements, stating only where the RAM is.
 *
 * @since 1.1
 */
@ConsumerType
public interface ForwardingTargetMemory extends TargetMemory {

  /**
   * @return the memory every access goes to
   */
  TargetMemory target();

  @Override
  default String name() {
    return target().name();
  }

  @Override
  default void read(long address, byte[] destination, int offset, int length) {
    target().read(address, destination, offset, length);
  }

  @Override
  default void write(long address, byte[] source, int offset, int length) {
    target().write(address, source, offset, length);
  }

  @Override
  default int read8(long address) {
    return target().read8(address);
  }

  @Override
  default void write8(long address, int value) {
    target().write8(address, value);
  }

  @Override
  default void fence() {
    target().fence();
  }
}
