package dev.personaltracker.calendar.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OutlookCloudTest {

    @Test
    void of_findsEachCloudBySettingNameIgnoringCase() {
        for (OutlookCloud cloud : OutlookCloud.values()) {
            assertThat(OutlookCloud.of(cloud.settingName().toUpperCase())).isSameAs(cloud);
        }
        assertThat(OutlookCloud.of(" usgov-dod ")).isSameAs(OutlookCloud.USGOV_DOD);
    }

    @Test
    void of_unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> OutlookCloud.of("germany")).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("germany").hasMessageContaining("global, usgov, usgov-dod, china");
    }

    @Test
    void presets_pointAtEachCloudsGraphAndSignInHosts() {
        assertThat(OutlookCloud.GLOBAL.graphBaseUrl()).isEqualTo(URI.create("https://graph.microsoft.com/v1.0"));
        assertThat(OutlookCloud.USGOV.graphBaseUrl().getHost()).isEqualTo("graph.microsoft.us");
        assertThat(OutlookCloud.USGOV_DOD.graphBaseUrl().getHost()).isEqualTo("dod-graph.microsoft.us");
        assertThat(OutlookCloud.CHINA.graphBaseUrl().getHost()).isEqualTo("microsoftgraph.chinacloudapi.cn");
        assertThat(OutlookCloud.GLOBAL.loginBaseUrl().getHost()).isEqualTo("login.microsoftonline.com");
        assertThat(OutlookCloud.USGOV.loginBaseUrl().getHost()).isEqualTo("login.microsoftonline.us");
        assertThat(OutlookCloud.CHINA.loginBaseUrl().getHost()).isEqualTo("login.chinacloudapi.cn");
    }

    @Test
    void settings_cloudPresetSetsBothUrlsAndExplicitUrlsWin() {
        OutlookSettings china = OutlookSettings.of(ProviderSettings.builder().clientId("c")
                .property("cloud", "china").property("tenant", "contoso.partner.onmschina.cn").build());
        assertThat(china.graphBaseUrl()).isEqualTo(URI.create("https://microsoftgraph.chinacloudapi.cn/v1.0"));
        assertThat(china.authority()).isEqualTo("https://login.chinacloudapi.cn/contoso.partner.onmschina.cn/");

        OutlookSettings proxied = OutlookSettings.of(ProviderSettings.builder().clientId("c").property("cloud", "usgov")
                .apiBaseUrl(URI.create("https://proxy.example.com/graph/v1.0/")).build());
        assertThat(proxied.graphBaseUrl()).isEqualTo(URI.create("https://proxy.example.com/graph/v1.0"));
        assertThat(proxied.authority()).isEqualTo("https://login.microsoftonline.us/common/");
    }
}
