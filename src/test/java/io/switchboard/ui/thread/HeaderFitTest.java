package io.switchboard.ui.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ui.thread.HeaderFit.Mode;
import org.junit.jupiter.api.Test;

/** The thread header's decision, in widths: the name's line first, then the controls. */
class HeaderFitTest {
    @Test
    void everythingAtFullSizeWhileItFits() {
        assertThat(HeaderFit.plan(600, 200, 300, 120)).isEqualTo(new HeaderFit.Plan(Mode.FULL, 300));
    }

    @Test
    void theControlsGoCompactBeforeTheNameShortensAndShareWhatItLeaves() {
        HeaderFit.Plan plan = HeaderFit.plan(520, 300, 300, 120);
        assertThat(plan.mode()).isEqualTo(Mode.COMPACT);
        assertThat(plan.controlsWidth()).as("the name's whole line is kept").isEqualTo(220);
    }

    @Test
    void aNameLongerThanTheRoomWrapsOntoTwoLinesAndTheControlsKeepTheRest() {
        HeaderFit.Plan plan = HeaderFit.plan(520, 460, 300, 120);
        assertThat(plan.mode()).isEqualTo(Mode.WRAP);
        assertThat(plan.controlsWidth()).isEqualTo(520 - Math.ceil(460 * HeaderFit.TWO_LINES));
        assertThat(HeaderFit.plan(300, 900, 300, 120).controlsWidth()).as("never below the compact minimum").isEqualTo(120);
        assertThat(HeaderFit.plan(800, 900, 200, 120).controlsWidth()).as("never above the full size").isEqualTo(200);
    }
}
