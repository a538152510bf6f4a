/**
 * The storage SPI: a {@link io.kserve4j.core.storage.StorageProvider} per URI scheme brings the
 * model a {@code storageUri} names to local disk. Local paths, {@code file://}, {@code classpath:}
 * and {@code pvc://} are built in; other schemes come from providers on the class path.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.storage;
