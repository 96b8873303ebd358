/** The framework's serprog servers. */
package org.flashstack.serprog.internal;
