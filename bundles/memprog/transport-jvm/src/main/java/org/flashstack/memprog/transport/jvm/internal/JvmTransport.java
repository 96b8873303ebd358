package org.flashstack.memprog.transport.jvm.internal;

import java.util.Map;
import java.util.TreeMap;
import org.flashstack.api.memprog.MemProgTarget;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.api.memprog.TargetTransport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code jvm:} scheme: {@code jvm:<target>} reaches the {@link MemProgTarget} of that name
 * running in this framework, through its RAM.
 */
@Component(property = TargetTransport.SCHEME + "=jvm")
public final class JvmTransport implements TargetTransport {

  private final Map<String, MemProgTarget> targets = new TreeMap<>();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  synchronized void bindTarget(MemProgTarget target) {
    targets.put(target.name(), target);
  }

  synchronized void unbindTarget(MemProgTarget target) {
    targets.remove(target.name(), target);
  }

  @Override
  public String scheme() {
    return "jvm";
  }

  @Override
  public String syntax() {
    return "jvm:<target> (a MemProgLib target simulated in this framework, e.g. jvm:default)";
  }

  @Override
  public synchronized TargetLink open(String location) {
    MemProgTarget target = targets.get(location);
    if (target == null) {
      throw new IllegalArgumentException(
          "no MemProgLib target '"
              + location
              + "' runs here"
              + (targets.isEmpty() ? "" : "; targets: " + String.join(", ", targets.keySet())));
    }
    return new Link(target);
  }

  /** A link to a target in this JVM; closing it leaves the target running. */
  private static final class Link implements TargetLink {
    private final MemProgTarget target;
    private volatile boolean closed;

    Link(MemProgTarget target) {
      this.target = target;
    }

    @Override
    public TargetMemory memory() {
      TargetMemory memory = target.memory();
      return new TargetMemory() {
        @Override
        public String name() {
          return uri();
        }

        @Override
        public void read(long address, byte[] destination, int offset, int length) {
          open();
          memory.read(address, destination, offset, length);
        }

        @Override
        public void write(long address, byte[] source, int offset, int length) {
          open();
          memory.write(address, source, offset, length);
        }

        @Override
        public int read8(long address) {
          open();
          return memory.read8(address);
        }

        @Override
        public void write8(long address, int value) {
          open();
          memory.write8(address, value);
        }

        @Override
        public void fence() {
          memory.fence();
        }
      };
    }

    private void open() {
      if (closed) {
        throw new IllegalStateException(uri() + " is closed");
      }
    }

    @Override
    public long paramAddress() {
      return target.paramAddress();
    }

    @Override
    public String uri() {
      return "jvm:" + target.name();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
