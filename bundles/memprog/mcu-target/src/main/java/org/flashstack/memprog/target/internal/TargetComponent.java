package org.flashstack.memprog.target.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgTarget;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.memprog.protocol.MemProgBdt;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.protocol.MemProgParam;
import org.flashstack.memprog.target.MemProgTargetEngine;
import org.flashstack.memprog.target.TargetSettings;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One MemProgLib target per factory configuration, immediate (a target is a running MCU: its loop
 * serves a host that reaches its RAM directly, without asking for the service): the loop runs on a
 * scheduler of its own, each command's handler on a thread of the target's handler pool; handlers
 * come from {@link MemProgHandler} services by command code (the highest ranked serves), and
 * interfaces bind to the partitions and devices up at each START.
 */
@Component(
    immediate = true,
    service = MemProgTarget.class,
    configurationPid = TargetComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TargetConfiguration.class, factory = true)
public final class TargetComponent implements MemProgTarget {

  /** The factory PID of targets. */
  public static final String FACTORY_PID = "org.flashstack.memprog.target";

  private final String name;
  private final TargetMemory memory;
  private final List<String> interfaces;
  private final Regions regions = new Regions();
  private final Map<Integer, ConcurrentSkipListMap<Ranked, MemProgHandler>> handlers =
      new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop;
  private final ExecutorService handlerThreads;
  private final MemProgTargetEngine engine;

  @Activate
  public TargetComponent(
      @Reference(name = "memory") TargetMemory memory, TargetConfiguration configuration) {
    name = configuration.memprog_target();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a MemProgLib target needs memprog.target (its name)");
    }
    this.memory = memory;
    // a list, or one comma-separated string (as a .cfg file gives it)
    interfaces =
        java.util.Arrays.stream(configuration.interfaces())
            .flatMap(entry -> java.util.Arrays.stream(entry.split(",")))
            .map(String::trim)
            .filter(entry -> !entry.isEmpty())
            .toList();
    interfaces.forEach(Regions::check);
    MemProgLayout layout = layout(configuration);
    TargetSettings settings =
        TargetSettings.DEFAULTS.withTimeouts(
            positive(configuration.handlerTimeoutMillis(), "handlerTimeoutMillis"),
            positive(configuration.bufferTimeoutMillis(), "bufferTimeoutMillis"));
    loop = Executors.newSingleThreadScheduledExecutor(threads("memprog-target-" + name));
    handlerThreads = Executors.newCachedThreadPool(threads("memprog-handler-" + name));
    engine =
        new MemProgTargetEngine(
            name,
            memory,
            layout,
            interfaces.size(),
            i -> regions.resolve(interfaces.get(i)),
            this::handler,
            settings,
            loop,
            handlerThreads);
    try {
      engine.start();
    } catch (RuntimeException e) {
      shutdown();
      throw new IllegalArgumentException(
          name + ": the layout " + layout + " does not fit " + memory + ": " + e.getMessage(), e);
    }
  }

  private Duration positive(long millis, String what) {
    if (millis <= 0) {
      throw new IllegalArgumentException(name + ": " + what + " must be more than 0");
    }
    return Duration.ofMillis(millis);
  }

  private MemProgLayout layout(TargetConfiguration configuration) {
    long param = ByteSizes.parse(configuration.param(), name + ": param");
    int count = configuration.bufferCount();
    long size = ByteSizes.parse(configuration.bufferSize(), name + ": bufferSize");
    if (size > MemProgLayout.MAX_BUFFER_SIZE) {
      throw new IllegalArgumentException(
          name + ": bufferSize must be at most " + MemProgLayout.MAX_BUFFER_SIZE);
    }
    long bdt =
        configuration.bdt().isBlank()
            ? param + MemProgParam.SIZE
            : ByteSizes.parse(configuration.bdt(), name + ": bdt");
    long buffers =
        configuration.buffers().isBlank()
            ? bdt + (long) Math.max(count, 0) * MemProgBdt.SIZE
            : ByteSizes.parse(configuration.buffers(), name + ": buffers");
    try {
      return new MemProgLayout(param, bdt, buffers, count, (int) size);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Deactivate
  void deactivate() {
    engine.close();
    shutdown();
  }

  private void shutdown() {
    loop.shutdownNow();
    handlerThreads.shutdownNow();
  }

  private MemProgHandler handler(int command) {
    ConcurrentSkipListMap<Ranked, MemProgHandler> ranked = handlers.get(command);
    if (ranked == null || ranked.isEmpty()) {
      return null;
    }
    return ranked.firstEntry().getValue();
  }

  @Reference(
      service = MemProgHandler.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = "(" + MemProgHandler.COMMAND + "=*)")
  void bindHandler(MemProgHandler handler, Map<String, Object> properties) {
    Integer command = command(properties);
    if (command != null) {
      handlers
          .computeIfAbsent(command, c -> new ConcurrentSkipListMap<>())
          .put(Ranked.of(properties), handler);
    }
  }

  void unbindHandler(MemProgHandler handler, Map<String, Object> properties) {
    Integer command = command(properties);
    if (command != null && handlers.containsKey(command)) {
      handlers.get(command).remove(Ranked.of(properties));
    }
  }

  private static Integer command(Map<String, Object> properties) {
    Object value = properties.get(MemProgHandler.COMMAND);
    if (value instanceof Number number && number.intValue() >= 0 && number.intValue() <= 0xff) {
      return number.intValue();
    }
    return null;
  }

  /** Orders handlers of one command: highest service.ranking first, then lowest service.id. */
  private record Ranked(int ranking, long id) implements Comparable<Ranked> {
    static Ranked of(Map<String, Object> properties) {
      Object ranking = properties.get(Constants.SERVICE_RANKING);
      Object id = properties.get(Constants.SERVICE_ID);
      return new Ranked(
          ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : Long.MAX_VALUE);
    }

    @Override
    public int compareTo(Ranked other) {
      int byRanking = Integer.compare(other.ranking, ranking);
      return byRanking != 0 ? byRanking : Long.compare(id, other.id);
    }
  }

  @Reference(
      service = FlashPartition.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindPartition(FlashPartition partition) {
    regions.addPartition(partition);
  }

  void unbindPartition(FlashPartition partition) {
    regions.removePartition(partition);
  }

  @Reference(
      service = Flash.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDevice(Flash flash) {
    regions.addDevice(flash);
  }

  void unbindDevice(Flash flash) {
    regions.removeDevice(flash);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TargetMemory memory() {
    return memory;
  }

  @Override
  public long paramAddress() {
    return engine.layout().paramAddress();
  }

  @Override
  public List<String> interfaces() {
    return interfaces;
  }

  @Override
  public String toString() {
    return engine.toString();
  }
}
