// Runs inside OmegaT 3.6 (omegat --mode=console-translate ANY-PROJECT --script=...).
// OmegaT 3.6 cannot import SRX: its rules live in segmentation.conf. This does what a user
// would do by hand in its segmentation dialog: every <languagemap> of the SRX file named by
// the environment variable SRX_FILE becomes one of OmegaT's own rule sets, with the rules of
// the <languagerule> it names (OmegaT compiles the expressions with java.util.regex), and
// nothing else (OmegaT's default rules are left out); OmegaT writes them to SEGMENTATION_CONF.
import org.omegat.core.segmentation.MapRule
import org.omegat.core.segmentation.Rule
import org.omegat.core.segmentation.SRX

def conf = new File(System.getenv("SEGMENTATION_CONF"))
if (conf.exists()) return  // the script runs on several project events; once is enough
def srx = new XmlSlurper(false, false).parse(new File(System.getenv("SRX_FILE")))
def sets = [:]
srx.body.languagerules.languagerule.each { set ->
  sets[set.@languagerulename.text()] = set.rule.collect {
    new Rule(it.@break.text() != "no", it.beforebreak.text(), it.afterbreak.text())
  }
}
// OmegaT applies every rule set whose pattern matches the language, in map order (cascade).
def maps = srx.body.maprules.languagemap.collect {
  new MapRule(it.@languagerulename.text(), it.@languagepattern.text(), sets[it.@languagerulename.text()] ?: [])
}
def result = SRX.getDefault()
result.setMappingRules(maps)
SRX.saveTo(result, conf)
