package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleToZeroSampleTest {
  @Test
  void idlesToZero_andComesBackForTheNextRequest() {
    List<String> lines = ScaleToZeroSample.run();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).contains("label=0").contains("ready=1");
    assertThat(lines.get(1)).contains("ready=1");
    assertThat(lines.get(2)).contains("ready=0").contains("desired=0");
    assertThat(lines.get(3)).contains("ready=0").contains("desired=1").contains("queued=1");
    assertThat(lines.get(4)).contains("label=0").contains("ready=1");
  }
}
