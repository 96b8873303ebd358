/** The NVS store component and its partition adapter. */
package org.flashstack.kv.internal;
