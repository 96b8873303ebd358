package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.flashstack.api.kv.KeyValueStore;
import org.osgi.framework.BundleContext;

/** What the {@code kv:*} commands share: the store, named by its {@code kv.name}. */
abstract class KvCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(
      index = 0,
      name = "store",
      description = "The key-value store (its name, the NVS partition's by convention)",
      required = true)
  @Completion(KvStoreCompleter.class)
  String store;

  Services.Held<KeyValueStore> store() {
    return Services.byName(
        context,
        KeyValueStore.class,
        KeyValueStore.NAME,
        "(" + KeyValueStore.NAME + "=" + store.replaceAll("([\\\\*()])", "\\\\$1") + ")",
        store,
        "key-value store");
  }
}
