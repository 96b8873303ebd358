package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.kv.KeyValueStore;

/** Completes the names of the key-value stores up. */
@Service
public class KvStoreCompleter extends ServiceNameCompleter {
  public KvStoreCompleter() {
    super(KeyValueStore.class, KeyValueStore.NAME);
  }
}
