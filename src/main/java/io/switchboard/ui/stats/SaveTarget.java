package io.switchboard.ui.stats;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where an export goes: asks the user for a file (a file chooser in the app). */
@FunctionalInterface
public interface SaveTarget {
    Optional<Path> choose(Window owner, String title, String suggestedName, String extension);

    /** The platform's save dialog. */
    static SaveTarget fileChooser() {
        return (owner, title, suggestedName, extension) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(suggestedName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase() + " files", "*." + extension));
            return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
        };
    }
}
