/** The record log component and its partition adapter. */
package org.flashstack.flashlog.internal;
