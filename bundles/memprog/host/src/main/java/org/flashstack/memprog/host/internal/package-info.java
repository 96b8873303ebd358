/** The framework's programmer sessions component. */
package org.flashstack.memprog.host.internal;
