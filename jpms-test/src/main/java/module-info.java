/** A host application on the module path, using the tracker's core and encrypted JSON storage. */
module com.example.jpms {
    requires dev.personaltracker.calendar.core;
    requires dev.personaltracker.calendar.storage.json;
    requires com.google.crypto.tink;

    exports com.example.jpms;
}
