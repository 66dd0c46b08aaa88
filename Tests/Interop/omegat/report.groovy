// Runs inside OmegaT 3.6 (omegat --mode=console-translate PROJECT --script=report.groovy) and
// writes PROJECT/omegat-report.txt: the segments OmegaT loaded with their translations, and
// the entries OmegaT's own TBX reader takes from every .tbx file in glossary/.
import org.omegat.core.Core
import org.omegat.gui.glossary.GlossaryReaderTBX

def project = Core.getProject()
def root = project.getProjectProperties().getProjectRoot()
def report = new File(root, "omegat-report.txt")
if (report.exists()) return  // the script runs on several project events; once is enough
def lines = []
project.getAllEntries().each { entry ->
  def info = project.getTranslationInfo(entry)
  def translation = (info != null && info.isTranslated()) ? info.translation : ""
  // One line per segment: source TAB translation, with line breaks shown as \n.
  lines << "SEGMENT\t" + entry.getSrcText().replace("\n", "\\n") + "\t" + translation.replace("\n", "\\n")
}
new File(project.getProjectProperties().getGlossaryRoot()).eachFileRecurse { file ->
  if (file.isFile() && file.name.toLowerCase().endsWith(".tbx")) {
    lines << "GLOSSARY\t" + file.name + "\t" + GlossaryReaderTBX.read(file, false).size()
  }
}
report.setText(lines.join("\n") + "\n", "UTF-8")
