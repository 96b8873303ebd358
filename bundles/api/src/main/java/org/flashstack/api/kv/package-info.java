/**
 * Key-value stores on flash partitions (the seed's "flash-based KV store"): typed values in
 * namespaces, in the ESP-IDF NVS format, one {@link org.flashstack.api.kv.KeyValueStore} service
 * per store.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.kv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
