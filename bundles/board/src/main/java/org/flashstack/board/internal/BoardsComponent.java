package org.flashstack.board.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flashstack.api.board.BoardChange;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardException;
import org.flashstack.api.board.BoardPlan;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.board.Boards;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashEvents;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionProperties;
import org.flashstack.board.BoardPlanner;
import org.flashstack.board.BoardPresetReader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped presets and the board in use, through Configuration Admin. Applying a preset takes
 * the partitions down first (so no transient overlap refuses one), changes the devices, brings the
 * partitions up, and waits for every device and partition; if one does not come up, every
 * configuration is put back as it was.
 */
@Component(service = Boards.class)
public final class BoardsComponent implements Boards {

  private static final Logger LOG = LoggerFactory.getLogger(BoardsComponent.class);
  private static final String PARTITION_PID = "org.flashstack.partition";
  private static final Set<String> BOOKKEEPING =
      Set.of(
          "service.pid",
          "service.factoryPid",
          "felix.fileinstall.filename",
          "service.bundleLocation");

  private static final long SETTLE_MILLIS = 1000;

  /** The device filter of a parked partition: no device has this name. */
  static final String PARKED = "(device.name=board-apply-parked-partition)";

  private static final long POLL_MILLIS = 100;
  private static final int STEADY_POLLS = 5;
  private static final long GONE_MILLIS = 10_000;

  /** Two of File Install's polls (felix.fileinstall.poll is 1 s in Karaf). */
  private static final long FILE_INSTALL_SETTLE_MILLIS = 2_500;

  private final List<String> deletedFiles = new ArrayList<>();

  private final BundleContext context;
  private final ConfigurationAdmin admin;
  private final List<BoardPreset> presets;
  private volatile EventAdmin events;

  /** Reads the shipped presets. */
  @Activate
  public BoardsComponent(BundleContext context, @Reference ConfigurationAdmin admin)
      throws IOException {
    this.context = context;
    this.admin = admin;
    this.presets = shipped();
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindEventAdmin(EventAdmin admin) {
    events = admin;
  }

  void unbindEventAdmin(EventAdmin admin) {
    if (events == admin) {
      events = null;
    }
  }

  /** The presets in {@code presets/presets.list}, read from the bundle. */
  static List<BoardPreset> shipped() throws IOException {
    List<BoardPreset> presets = new ArrayList<>();
    try (InputStream list = resource("presets.list")) {
      for (String name : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
        if (!name.isBlank()) {
          try (InputStream preset = resource(name + ".board")) {
            presets.add(
                BoardPresetReader.read(
                    name, new InputStreamReader(preset, StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return List.copyOf(presets);
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in =
        BoardsComponent.class.getResourceAsStream("/org/flashstack/board/presets/" + name);
    if (in == null) {
      throw new IOException("the board bundle has no preset file " + name);
    }
    return in;
  }

  @Override
  public List<BoardPreset> presets() {
    return presets;
  }

  private BoardPreset preset(String name) throws BoardException {
    for (BoardPreset preset : presets) {
      if (preset.name().equals(name)) {
        return preset;
      }
    }
    throw new BoardException(
        "no board preset '"
            + name
            + "'; the presets are "
            + String.join(", ", presets.stream().map(BoardPreset::name).toList()));
  }

  @Override
  public List<BoardConfiguration> current() {
    List<BoardConfiguration> configurations = new ArrayList<>();
    for (Configuration configuration : configurations()) {
      configurations.add(describe(configuration));
    }
    configurations.sort(java.util.Comparator.comparing(BoardConfiguration::id));
    return configurations;
  }

  private List<Configuration> configurations() {
    StringBuilder filter = new StringBuilder("(|");
    for (String pid : BoardPlanner.BOARD_PIDS) {
      filter.append("(service.factoryPid=").append(pid).append(')');
    }
    try {
      Configuration[] found = admin.listConfigurations(filter.append(')').toString());
      return found == null ? List.of() : List.of(found);
    } catch (IOException | InvalidSyntaxException e) {
      throw new IllegalStateException("Configuration Admin: " + e.getMessage(), e);
    }
  }

  /** A configuration as a board sees it: factory PID, name, string properties. */
  static BoardConfiguration describe(Configuration configuration) {
    Dictionary<String, Object> properties = configuration.getProperties();
    Map<String, String> values = new java.util.LinkedHashMap<>();
    if (properties != null) {
      for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
        String key = keys.nextElement();
        if (!BOOKKEEPING.contains(key)) {
          values.put(key, text(properties.get(key)));
        }
      }
    }
    return new BoardConfiguration(
        configuration.getFactoryPid(), name(configuration, values), values);
  }

  private static String text(Object value) {
    if (value != null && value.getClass().isArray()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(String.valueOf(Array.get(value, i)));
      }
      return String.join(",", items);
    }
    return String.valueOf(value);
  }

  /**
   * The factory configuration's name: after '~' in its PID, else from its file, else its element.
   */
  static String name(Configuration configuration, Map<String, String> values) {
    String pid = configuration.getPid();
    int tilde = pid.indexOf('~');
    if (tilde >= 0) {
      return pid.substring(tilde + 1);
    }
    Dictionary<String, Object> properties = configuration.getProperties();
    Object file = properties == null ? null : properties.get("felix.fileinstall.filename");
    String prefix = configuration.getFactoryPid() + "-";
    if (file != null) {
      String base = String.valueOf(file);
      base = base.substring(base.lastIndexOf('/') + 1);
      if (base.startsWith(prefix) && base.endsWith(".cfg")) {
        return base.substring(prefix.length(), base.length() - 4);
      }
    }
    String element =
        values.getOrDefault(DeviceProperties.NAME, values.get(PartitionProperties.NAME));
    return element != null ? element : pid;
  }

  /**
   * Expands {@code ${karaf.base}} and other system properties as Karaf's configuration files do.
   */
  static String expand(String value) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < value.length()) {
      int start = value.indexOf("${", at);
      int end = start < 0 ? -1 : value.indexOf('}', start);
      if (start < 0 || end < 0) {
        out.append(value, at, value.length());
        break;
      }
      out.append(value, at, start);
      String key = value.substring(start + 2, end);
      String replacement = System.getProperty(key);
      out.append(replacement != null ? replacement : value.substring(start, end + 1));
      at = end + 1;
    }
    return out.toString();
  }

  @Override
  public BoardPlan plan(String preset) throws BoardException {
    return BoardPlanner.plan(preset(preset), current(), BoardsComponent::expand);
  }

  @Override
  public BoardPlan plan(BoardPreset board) throws BoardException {
    return BoardPlanner.plan(board, current(), BoardsComponent::expand);
  }

  @Override
  public BoardPlan apply(String presetName, long timeoutMillis) throws BoardException {
    return apply(preset(presetName), timeoutMillis);
  }

  @Override
  public synchronized BoardPlan apply(BoardPreset preset, long timeoutMillis)
      throws BoardException {
    String presetName = preset.name();
    BoardPlan plan = BoardPlanner.plan(preset, current(), BoardsComponent::expand);
    if (plan.changesNothing()) {
      return plan;
    }
    try {
      carryOut(plan.changes());
      List<BoardConfiguration> written =
          plan.changes().stream()
              .filter(
                  change ->
                      change.kind() == BoardChange.Kind.ADD
                          || change.kind() == BoardChange.Kind.CHANGE)
              .map(BoardChange::after)
              .toList();
      List<String> missing = awaitUp(preset, timeoutMillis, written);
      if (!missing.isEmpty()) {
        LOG.warn("board {} did not come up ({}); putting the old board back", presetName, missing);
        putBack(plan.changes());
        settleDeletions();
        throw new BoardException(
            String.format(
                "board %s did not come up within %d ms: %s not up; the old board was put back"
                    + " (flash:problems says why)",
                presetName, timeoutMillis, String.join(", ", missing)));
      }
      for (BoardChange change : plan.changes()) {
        if (change.kind() == BoardChange.Kind.REMOVE) {
          delete(change.before());
        }
      }
      settleDeletions();
    } catch (IOException e) {
      throw new BoardException("Configuration Admin refused a change: " + e.getMessage());
    }
    EventAdmin admin = events;
    if (admin != null) {
      admin.postEvent(new Event(FlashEvents.BOARD_APPLIED, Map.of(FlashEvents.BOARD, presetName)));
    }
    LOG.info("board {} applied", presetName);
    return plan;
  }

  private static boolean isPartition(BoardConfiguration configuration) {
    return configuration != null && configuration.factoryPid().equals(PARTITION_PID);
  }

  /**
   * Carries the changes out, nothing deleted yet: the partitions that change or go are parked first
   * (their device reference pointed at nothing, so no transient overlap refuses a new one), then
   * the devices are changed and added, then the partitions written. What leaves the board is
   * deleted only once the new board is up, so putting the old one back never re-creates a deleted
   * configuration.
   */
  private void carryOut(List<BoardChange> changes) throws IOException {
    for (BoardChange change : changes) {
      if (isPartition(change.before())
          && (change.kind() == BoardChange.Kind.CHANGE
              || change.kind() == BoardChange.Kind.REMOVE)) {
        park(change.before());
      }
    }
    for (BoardChange change : changes) {
      if (!isPartition(change.after())
          && (change.kind() == BoardChange.Kind.CHANGE || change.kind() == BoardChange.Kind.ADD)) {
        write(change.after());
      }
    }
    for (BoardChange change : changes) {
      if (isPartition(change.after())
          && (change.kind() == BoardChange.Kind.CHANGE || change.kind() == BoardChange.Kind.ADD)) {
        write(change.after());
      }
    }
  }

  /** Undoes {@link #carryOut}: new partitions down, devices back, old partitions back. */
  private void putBack(List<BoardChange> changes) throws IOException {
    for (BoardChange change : changes) {
      if (isPartition(change.after())) {
        if (change.kind() == BoardChange.Kind.ADD) {
          delete(change.after());
        } else if (change.kind() == BoardChange.Kind.CHANGE) {
          park(change.after());
        }
      }
    }
    List<BoardChange> reversed = new ArrayList<>(changes);
    java.util.Collections.reverse(reversed);
    for (BoardChange change : reversed) {
      if (isPartition(change.after()) || isPartition(change.before())) {
        continue;
      }
      if (change.kind() == BoardChange.Kind.ADD) {
        delete(change.after());
      } else if (change.kind() == BoardChange.Kind.CHANGE) {
        write(change.before());
      }
    }
    for (BoardChange change : changes) {
      if (isPartition(change.before())
          && (change.kind() == BoardChange.Kind.CHANGE
              || change.kind() == BoardChange.Kind.REMOVE)) {
        write(change.before());
      }
    }
  }

  /** A partition taken down without deleting it: its device reference matches nothing. */
  private void park(BoardConfiguration partition) throws IOException {
    Map<String, String> parked = new java.util.LinkedHashMap<>(partition.properties());
    parked.put("flash.target", PARKED);
    write(new BoardConfiguration(partition.factoryPid(), partition.name(), parked));
  }

  private Configuration find(BoardConfiguration configuration) {
    for (Configuration candidate : configurations()) {
      if (candidate.getFactoryPid().equals(configuration.factoryPid())
          && describe(candidate).name().equals(configuration.name())) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Deletes the configuration and waits (a while) until its services are gone, so that a
   * configuration of the same name made next does not meet the old one's leftovers (an image still
   * open, a name still taken).
   */
  private void delete(BoardConfiguration configuration) throws IOException {
    Configuration found = find(configuration);
    if (found == null) {
      return;
    }
    Dictionary<String, Object> properties = found.getProperties();
    Object file = properties == null ? null : properties.get("felix.fileinstall.filename");
    found.delete();
    if (file != null) {
      deletedFiles.add(String.valueOf(file));
    }
    String filter = servicesOf(configuration);
    long deadline = System.currentTimeMillis() + GONE_MILLIS;
    while (filter != null && present(null, filter) && System.currentTimeMillis() < deadline) {
      if (!sleep(POLL_MILLIS)) {
        return;
      }
    }
  }

  /**
   * Waits until the files of the configurations deleted so far are gone from {@code etc/}, and then
   * for File Install to have polled twice more, so that it does not take a configuration made next
   * for the deleted one of the same name.
   */
  private void settleDeletions() {
    if (deletedFiles.isEmpty()) {
      return;
    }
    long deadline = System.currentTimeMillis() + GONE_MILLIS;
    for (String file : deletedFiles) {
      java.nio.file.Path path = path(file);
      while (path != null
          && java.nio.file.Files.exists(path)
          && System.currentTimeMillis() < deadline) {
        sleep(POLL_MILLIS);
      }
    }
    deletedFiles.clear();
    sleep(FILE_INSTALL_SETTLE_MILLIS);
  }

  private static java.nio.file.Path path(String file) {
    try {
      return file.startsWith("file:")
          ? java.nio.file.Path.of(java.net.URI.create(file))
          : java.nio.file.Path.of(file);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A filter for every service the configuration's component registers, or null. */
  private static String servicesOf(BoardConfiguration configuration) {
    String partition = configuration.properties().get(PartitionProperties.NAME);
    if (isPartition(configuration) && partition != null) {
      return PartitionProperties.filter(partition);
    }
    String device = configuration.properties().get(DeviceProperties.NAME);
    if (device == null) {
      return null;
    }
    // The SPI wiring's device is also the name of the chip's Flash, which stays while the chip
    // does: only the wiring's own SpiDevice says it is gone.
    return configuration.factoryPid().equals("org.flashstack.driver.spi.mux")
        ? "(&(objectClass=org.flashstack.api.spi.SpiDevice)" + DeviceProperties.filter(device) + ")"
        : "(&(!(objectClass=org.flashstack.api.flash.Flash))"
            + DeviceProperties.filter(device)
            + ")";
  }

  private void write(BoardConfiguration configuration) throws IOException {
    Configuration target = find(configuration);
    if (target == null) {
      target = admin.getFactoryConfiguration(configuration.factoryPid(), configuration.name(), "?");
    }
    Dictionary<String, Object> properties = new Hashtable<>(configuration.properties());
    Dictionary<String, Object> old = target.getProperties();
    if (old != null && old.get("felix.fileinstall.filename") != null) {
      properties.put("felix.fileinstall.filename", old.get("felix.fileinstall.filename"));
    }
    target.update(properties);
  }

  /** Waits for every device's Flash and every partition of the preset; returns those not up. */
  private List<String> awaitUp(
      BoardPreset preset, long timeoutMillis, List<BoardConfiguration> written) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    List<String> missing;
    int steady = 0;
    boolean retried = false;
    long halfway = System.currentTimeMillis() + timeoutMillis / 2;
    // Configuration Admin delivers changes asynchronously: a changed device's old services can
    // still be there at first, so the board counts as up only after it has stayed complete for
    // a while.
    sleep(SETTLE_MILLIS);
    do {
      missing = new ArrayList<>();
      for (BoardConfiguration configuration : preset.configurations()) {
        String pid = configuration.factoryPid();
        if (pid.equals("org.flashstack.hw.cfi") || pid.equals("org.flashstack.driver.spi.mux")) {
          String device = configuration.properties().get(DeviceProperties.NAME);
          if (!present(Flash.class, DeviceProperties.filter(device))) {
            missing.add("device " + device);
          }
        } else if (pid.equals(PARTITION_PID)) {
          String partition = configuration.properties().get(PartitionProperties.NAME);
          if (!present(FlashPartition.class, PartitionProperties.filter(partition))) {
            missing.add("partition " + partition);
          }
        }
      }
      steady = missing.isEmpty() ? steady + 1 : 0;
      if (!missing.isEmpty() && !retried && System.currentTimeMillis() > halfway) {
        // A component that failed on a transient (its old self still closing) is activated again
        // by an update of its configuration: one retry, with the same properties.
        retried = true;
        retry(written);
      }
      if (steady >= STEADY_POLLS) {
        return missing;
      }
      if (!sleep(POLL_MILLIS)) {
        return missing;
      }
    } while (System.currentTimeMillis() < deadline);
    return missing;
  }

  /**
   * Writes the configurations again, unchanged, to reactivate any that failed, and makes again any
   * that is gone (File Install, seeing late that an earlier configuration's file was deleted, can
   * take the new configuration of the same name with it).
   */
  private void retry(List<BoardConfiguration> written) {
    for (BoardConfiguration configuration : written) {
      try {
        Configuration found = find(configuration);
        if (found == null) {
          LOG.info(
              "{}: its configuration went away while the board came up; writing it again",
              configuration.id());
          write(configuration);
        } else {
          Dictionary<String, Object> properties = found.getProperties();
          if (properties != null) {
            found.update(properties);
          }
        }
      } catch (IOException e) {
        LOG.warn("retrying {}: {}", configuration.id(), e.getMessage());
      }
    }
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean present(Class<?> type, String filter) {
    try {
      if (type == null) {
        return context.getServiceReferences((String) null, filter) != null;
      }
      return !context.getServiceReferences(type, filter).isEmpty();
    } catch (InvalidSyntaxException e) {
      return false;
    }
  }
}
